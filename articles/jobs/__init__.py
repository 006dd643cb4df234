"""Background jobs: long operations run outside the request, on Celery or on the local worker.

* ``records``  the Job / JobItem rows: create, claim (the lease), progress, finish, cancel.
* ``context``  what a job kind's function is handed: progress, per-item messages, cancel checks.
* ``runner``   runs (or resumes) one job: claim, heartbeat, the kind's function, final state.
* ``queue``    enqueue and dispatch (Celery when ``CELERY_BROKER_URL`` is set) and the sweep
  that re-sends lost messages and takes over jobs whose worker died.
* ``tasks``    the Celery task and the sweeper started with every Celery worker.
* ``worker``   the local worker (``manage.py jobs --work``) for a site without a broker.
* ``kinds``    job kinds by dotted name, so this package imports no service it does not run.
* ``importing`` the "import OCR files" kind.

The database row is the truth; a broker message only says "run job N". So a message can be
lost, duplicated or redelivered and a worker killed at any moment: the job is sent again,
claimed by exactly one runner and resumed from the items it had already recorded.
"""
