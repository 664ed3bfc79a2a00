"""Search and browsing: Pagefind indexes the entry pages after they are written; the theme
marks what it indexes (data-pagefind-*) with the data this package gives each entry."""
