"""What the plans app tells the apps above it, sent once the transaction commits. The
work app connects them to the bell and the e-mail (apps/work/plan_notices.py): plans
stays below work in DESIGN.md's layers and imports nothing of it.

- plan_sent(plan, actor): the officer sent the draft to the leader to be issued.
- plan_returned(plan, actor, comment): the leader returned it to the officer.
"""

from django.dispatch import Signal

plan_sent = Signal()
plan_returned = Signal()
