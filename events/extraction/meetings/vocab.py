"""Word lists more than one stage of the meeting finder consults.

Lists used by a single stage live in that stage's module; these are the shared ones: what names a
meeting (trigger nouns and verbs), what a deliberative body is and does, how people travel to, hold,
join or speak about a gathering, and the cue words that start a new meeting ("again", "first").
"""

from __future__ import annotations

TRIGGER_NOUNS = {
    "meeting",
    "summit",
    "hearing",
    "session",
    "roundtable",
    "talks",
    "forum",
    "sit-down",
    "visit",
    "conference",
    "retreat",
    "briefing",
    "town hall",
    "teleconference",
}
TRIGGER_VERBS = {"meet", "convene", "gather", "huddle", "testify"}
# Verbs of hosting, a meeting when officials are hosted: "mayors will be hosted by the governor".
HOST_VERBS = {"host", "welcome", "receive"}
# Nouns naming a deliberative body; "the council voted" describes one of its sessions.
BODY_NOUNS = {
    "council",
    "board",
    "commission",
    "committee",
    "legislature",
    "commissioners",
    "aldermen",
    "alderpersons",
    "councillors",
    "councilors",
    "supervisors",
    "trustees",
    "subcommittee",
    "assembly",
}
# What a body does at a session ("the council voted / heard testimony / took up the plan").
BODY_ACTS = {
    "vote",
    "meet",
    "hear",
    "adjourn",
    "approve",
    "advance",
    "reject",
    "debate",
    "deliberate",
    "convene",
    "consider",
}
# Addressing a body is taking part in its session ("told a Senate committee", "briefed the council").
ADDRESS_VERBS = {"tell", "brief", "address"}
HOLD_VERBS = {"hold", "have", "convene", "open", "take", "begin", "start", "conduct", "host", "resume"}
TRAVEL_VERBS = {"head", "travel", "return", "go", "come", "fly", "visit"}
HYPOTHETICAL_MODALS = {"would", "could", "should", "might", "may", "must"}
SPEECH_VERBS = {
    "say",
    "tell",
    "announce",
    "confirm",
    "add",
    "note",
    "report",
    "state",
    "write",
    "explain",
    "warn",
    "predict",
    "insist",
    "argue",
}
NEW_CUES = {"again", "first", "next", "separate", "another", "second", "follow-up", "upcoming"}
ORDINALS = {"first", "second", "third", "next", "last", "final", "latest"}
PARTICIPATION = {"attend", "join", "participate"}
PURPOSE_VERBS = {
    "discuss",
    "address",
    "talk",
    "ask",
    "push",
    "lobby",
    "press",
    "review",
    "hear",
    "vote",
    "resolve",
    "consider",
    "fight",
    "update",
    "tackle",
    "brief",
    "present",
    "seek",
    "plan",
    "pitch",
    "request",
    "urge",
    "take",
    "study",
    "debate",
    "lay",
    "negotiate",
    "agree",
    "coordinate",
    "weigh",
    "explore",
    "examine",
    "see",
    "tour",
    "survey",
    "assess",
    "inspect",
    "thank",
}
# Verbs by which a body calls a meeting ahead of it: "decided to call a special meeting".
CALL_VERBS = {"call", "schedule", "set", "plan", "announce", "slate"}
# Verbs of wanting: an undated meeting someone only wants is no meeting ("his plan is to come back").
# ("plan to meet again next week" is a meeting being set, so "plan" is no verb of wanting, though "his
# plan is to come back" is a noun of one.)
WISH_VERBS = {"want", "hope", "wish", "like", "intend", "aim", "eager", "seek"}
WISH_NOUNS = {"plan", "goal", "idea", "hope", "wish", "aim"}
# Verbs of asking: "asked them to meet with him" is a request, not a meeting.
ASK_VERBS = {"ask", "request", "urge", "beg", "press"}
