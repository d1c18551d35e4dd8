"""The site's Pelican plugins (`bijgespijkerd.plugins`), a folder each with its
`register()`, listed in pelicanconf.py's PLUGINS. What they share is the library beside
them (`bijgespijkerd.library`, the folder library/)."""
