"""A lab's shared reading list on PostgreSQL: the server, offline-first sync, live updates.

No Qt here. ``server`` is the one module that speaks to PostgreSQL;
``sync`` moves the journal's changes between it and a local library.
"""
