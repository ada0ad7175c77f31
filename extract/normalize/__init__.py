"""Pure normalizers: text of a mention -> its value. No I/O, no clock."""
