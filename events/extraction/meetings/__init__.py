"""Meeting frames: who met (or will meet) where, when and why.

Each sentence is scanned for meeting triggers (verbs such as meet/convene/sit down/testify, nouns such as
meeting/summit/town hall/hearing/session/roundtable/talks, "heading to X to address Y", a council, board or
commission that voted/heard/took up something). A trigger either introduces a meeting (a verb, an
indefinite, dated or modified noun) or refers back to one ("the meeting", "also attended").

One sentence may introduce several meetings when its triggers differ in tense or date ("voted at its
Monday meeting to schedule a hearing for Nov. 6"). An introduction merges into the most recent
compatible meeting (tense, date and place agree) unless it says "again"/"first"/"next"/"separate"; a
back-reference goes to the current meeting, or to the latest one of the same tense.

Participants are the named officials of the trigger sentences (nearest trigger when a sentence holds
several meetings), officials referred to by a unique title ("the mayor"), the group of the previous
meeting for "meet again", and the named members of a council, board or commission holding a session.
Statements, interviews, lawsuits, requested-but-unscheduled meetings and plural/habitual gatherings are
not meetings.

Each meeting gets a kind ("town hall", "public hearing", "council meeting", "closed-door talks") from its
trigger nouns and their modifiers, or from the body that acts ("the school board voted": a board meeting),
and a short purpose: the "to discuss X" clause, else a topic phrase of a trigger ("hearing on X", "summit
focused on X", "talks over X"), else what the body did ("voted to X"), ended at a phrase boundary.

The stages, in the order a sentence meets them (``find.find_meetings`` runs them):

- ``triggers``: which tokens mention a meeting, and whether they introduce one or refer back;
- ``frames``: a sentence's frames, each filled in by
  ``status`` (past/upcoming, cancelled/postponed), ``place`` (venue, city), ``kind`` (town hall,
  council meeting...), ``purpose`` (with ``phrase``, which clips a subtree to a short phrase) and
  ``bodies`` (the councils, boards and committees involved);
- ``merge``: which meeting each frame belongs to, and folding it in;
- ``participants``: named and unnamed officials of the sentences, and a body's members;
- ``model`` holds the ``Frame`` and ``Meeting`` records, ``vocab`` the shared word lists and
  ``syntax`` the shared parse helpers.
"""

from __future__ import annotations

from .find import find_meetings

__all__ = ["find_meetings"]
