"""The writing desk: an author's screens at /schrijftafel/ in `invoke livereload`.

Overview of articles and their evidence, a new article, a spreadsheet made a dataset, and
a number quoted from a dataset; each writes only into `content/`, through the same code
as the command-line tasks. It is served by the live preview only, on the loopback address,
and never built into the site.
"""
