"""Forms of the matching pages: feedback on a match, a staff synonym, the mode switch."""

from django import forms
from django.utils.translation import gettext_lazy as _

from returnee_home.matching.models import (
    EMPLOYER_REASONS,
    TALENT_REASONS,
    ConceptKind,
    FeedbackReason,
)
from returnee_home.matching.scoring import BROAD, STRICT


def _choices(codes: tuple[str, ...]) -> list[tuple[str, str]]:
    labels = dict(FeedbackReason.choices)
    return [(code, labels[code]) for code in codes]


class ModeForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("Matching"),
        choices=[
            (BROAD, _("Broad: show near misses, ranked lower")),
            (STRICT, _("Strict: only what meets every condition")),
        ],
        required=False,
    )


class DismissForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why not?"), choices=_choices(TALENT_REASONS))
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why not?"), choices=_choices(EMPLOYER_REASONS))
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)


class SynonymForm(forms.Form):
    text = forms.CharField(
        label=_("New synonym"),
        max_length=200,
        help_text=_("Another name, an abbreviation or the other language's term."),
    )


class ConceptFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *ConceptKind.choices], required=False
    )
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
