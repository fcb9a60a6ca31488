"""The codebook's definitions, as the editor shows them (docs/data-model.md)."""

from __future__ import annotations

from timeline_app.domain import Category, Modality, Role

CATEGORY_DEFINITIONS: dict[Category, str] = {
    Category.AGREEMENT: "a pact, contract, MoU or the extension of a programme",
    Category.VISIT: "an official visit or call by leaders, ministers or delegations",
    Category.DIALOGUE: "talks, meetings, consultations, policy dialogues, exchanged papers",
    Category.TRAINING: "training of one side's personnel by the other",
    Category.ARMS_TRANSFER: "offers, sales, purchases or deliveries of weapons systems",
    Category.DEFENCE_INDUSTRY: (
        "joint development or production, technology transfer, licensed production"
    ),
    Category.EXERCISE: "joint military exercises, port calls",
    Category.PARTNERSHIP: "establishing, upgrading or describing a strategic partnership",
    Category.GROUPING: "membership in, or action of, a multilateral grouping",
    Category.DISPUTE: "disputes, blocking moves, border tension and stand-offs",
    Category.SANCTIONS: "sanctions imposed or threatened, and responses to them",
}

MODALITY_DEFINITIONS: dict[Modality, str] = {
    Modality.HAPPENED: 'the article reports it as done (a signature is done: "signed", "inked")',
    Modality.AGREED: "announced or agreed to, not yet carried out",
    Modality.PLANNED: 'scheduled or intended ("slated to meet soon", "will begin training")',
    Modality.DISCUSSED: (
        'under discussion or proposed ("talks are in progress", a non-paper\'s suggestion)'
    ),
    Modality.THREATENED: "a reported threat (a sanctions threat)",
}

ROLE_DEFINITIONS: dict[Role, str] = {
    Role.INITIATOR: "the actor who acts: visits, offers, signs first, imposes",
    Role.RECIPIENT: "the actor acted upon: visited, offered to, sanctioned",
    Role.PARTICIPANT: "an actor taking part on an equal footing",
    Role.SUBJECT: "an actor the event is about, who takes no part in it",
}

# (lowest, highest, typical fact): the Goldstein scale as the codebook bands it.
SCORE_BANDS: tuple[tuple[float, float, str], ...] = (
    (8, 10, "alliance, major treaty, long-term strategic programme"),
    (5, 7, "signed agreement, arms sale, joint production, military assistance"),
    (3, 4, "visit, dialogue, training, exercise, offer"),
    (1, 2, "statement of friendship, talks about talks, proposal"),
    (0, 0, "neutral"),
    (-4, -1, "criticism, blocking a bid, diplomatic friction"),
    (-7, -5, "threat of sanctions, border stand-off, military mobilisation"),
    (-10, -8, "armed clash, use of force"),
)


def score_meaning(score: float) -> str:
    """The typical fact of the band ``score`` falls in (bands meet at whole numbers)."""
    rounded = round(score)
    for low, high, meaning in SCORE_BANDS:
        if low <= rounded <= high:
            return meaning
    return ""
