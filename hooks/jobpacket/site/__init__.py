"""The portfolio site: pages from the public view, and the MkDocs adapter that serves them."""
