"""Citing entries: GB/T 7714 and APA 7 strings, RIS files, QR codes of permanent links."""
