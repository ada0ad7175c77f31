"""The file walk: every entry gets a document, a problem row or an ignored count."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from extract.ingest.files import (
    DuplicateIdError,
    InputFile,
    NoInputError,
    read_bytes,
    read_document,
    walk,
)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """An input folder with good files, an ignored file, a sidecar and odd entries."""
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("Acme said revenue rose 5% in 2024.\n")
    (root / "a.meta.json").write_text('{"published": "2025-01-02"}')
    (root / "photo.jpg").write_bytes(b"\xff\xd8")
    (root / "sub" / "inside.txt").symlink_to(root / "a.txt")
    (tmp_path / "secret.txt").write_text("not for the output\n")
    (root / "outside.txt").symlink_to(tmp_path / "secret.txt")
    (root / "broken.txt").symlink_to(root / "nowhere.txt")
    (root / "loop.txt").symlink_to(root / "loop.txt")
    (root / "sub" / "up").symlink_to(root)
    (root / "again").symlink_to(root / "sub")
    os.mkfifo(root / "pipe.txt")
    (root / os.fsdecode(b"b\xff.txt")).write_text("A name that is not UTF-8.\n")
    return root


def _rows(root: Path, **options: bool) -> dict[str, str]:
    return {item.doc_id: item.problem for item in walk([root], **options).files}


def test_walk_every_entry_is_a_row_or_ignored(tree: Path) -> None:
    result = walk([tree])
    rows = {item.doc_id: item.problem for item in result.files}
    assert rows == {
        "a.txt": "",
        "again": "symlink to a folder already read",
        "b\\xff.txt": "",
        "broken.txt": "broken symlink",
        "loop.txt": "symlink loop",
        "outside.txt": "symlink points outside the input folders",
        "pipe.txt": "not a regular file: a FIFO",
        "sub/inside.txt": "",
        "sub/up": "symlink loop",
    }
    assert result.ignored == 2  # photo.jpg, a.meta.json
    assert result.empty_roots == ()


def test_walk_follow_symlinks_reads_outside_targets(tree: Path) -> None:
    assert _rows(tree, follow_symlinks=True)["outside.txt"] == ""


def test_walk_outside_symlink_is_never_read(tree: Path) -> None:
    item = next(i for i in walk([tree]).files if i.doc_id == "outside.txt")
    document = read_document(item)
    assert (document.status, document.text) == ("skipped", "")
    assert document.error == "symlink points outside the input folders"


def test_walk_fifo_is_not_opened(tree: Path) -> None:
    item = next(i for i in walk([tree]).files if i.doc_id == "pipe.txt")
    assert read_document(item).status == "skipped"
    with pytest.raises(OSError, match="not a regular file"):
        read_bytes(tree / "pipe.txt")


def test_walk_bad_file_name_is_read_under_an_escaped_id(tree: Path) -> None:
    item = next(i for i in walk([tree]).files if i.doc_id == "b\\xff.txt")
    document = read_document(item)
    assert document.status == "ok"
    assert document.doc_id.encode("utf-8")


def test_walk_same_id_under_two_roots_names_both_files(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "report.txt").write_text(f"Report {name}.\n")
    with pytest.raises(DuplicateIdError) as info:
        walk([tmp_path / "a", tmp_path / "b"])
    message = str(info.value)
    assert str(tmp_path / "a" / "report.txt") in message
    assert str(tmp_path / "b" / "report.txt") in message


def test_walk_same_file_twice_is_one_document(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("One file.\n")
    files = walk([tmp_path, tmp_path / "x.txt"]).files
    assert [item.doc_id for item in files] == ["x.txt"]


@pytest.mark.parametrize("make", ["missing", "empty", "only-ignored"])
def test_walk_missing_or_empty_input(tmp_path: Path, make: str) -> None:
    root = tmp_path / "in"
    if make == "missing":
        with pytest.raises(NoInputError, match="no such file or folder"):
            walk([root])
        return
    root.mkdir()
    if make == "only-ignored":
        (root / "photo.png").write_bytes(b"\x89PNG")
    assert walk([root]).empty_roots == (str(root),)


def test_walk_file_given_directly_is_read_whatever_its_suffix(tmp_path: Path) -> None:
    path = tmp_path / "article.md"
    path.write_text("Acme said revenue rose.\n")
    assert walk([path]).files == [InputFile(path, "article.md")]


def test_walk_file_over_the_size_limit_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extract.ingest import files

    monkeypatch.setattr(files, "MAX_FILE_BYTES", 10)
    (tmp_path / "big.txt").write_text("x" * 11)
    assert _rows(tmp_path) == {"big.txt": "file too large: 11 bytes (limit 10)"}


def test_walk_unreadable_folder_gets_a_row(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every folder")
    (tmp_path / "locked").mkdir()
    (tmp_path / "ok.txt").write_text("x")
    (tmp_path / "locked").chmod(0)
    try:
        rows = _rows(tmp_path)
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert rows["locked/"].startswith("cannot read folder")
