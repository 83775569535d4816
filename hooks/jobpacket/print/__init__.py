"""Printed documents: print HTML from the profile's views, PDF bytes from WeasyPrint."""
