"""Bijgespijkerd's own library (`bijgespijkerd.library`): what the Pelican plugins
(`bijgespijkerd.plugins`), the tasks, the comment service and the WordPress import share:
running a build, its messages, safe addresses and whole files, the live preview."""
