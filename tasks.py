"""Invoke tasks: the one front door for the editor, authors and CI.

`invoke --list` shows them; `invoke --help TASK` shows a task's options. They are written in
commands/ (by who runs them) and in comment_service/tasks.py (`invoke comments.*`).
"""

import os

from invoke import Collection

from bijgespijkerd.commands import ROOT, authors, benchmarks, building, maintainers, wordpress
from bijgespijkerd.comment_service import tasks as comments

os.chdir(ROOT)  # every task works from the project folder, wherever invoke was started

ns = Collection()
for module in (building, authors, wordpress, maintainers):
    for each in Collection.from_module(module).tasks.values():
        ns.add_task(each)
for each in benchmarks.TASKS:
    ns.add_task(each)
ns.add_collection(Collection.from_module(comments, name="comments"))
