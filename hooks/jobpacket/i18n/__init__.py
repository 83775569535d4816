"""Languages: the words jobpacket writes itself (labels, one data file per language) and
dates in the reader's language (through Babel, never hand-written month tables)."""
