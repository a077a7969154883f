"""Forms of ratings and follow-ups."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.records.models import Level, RatingTag


class RatingForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("How satisfied are you with this service?"),
        choices=Level.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    tags = forms.MultipleChoiceField(
        label=pgettext_lazy("rating form", "What stood out (optional)"),
        choices=RatingTag.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    comment = forms.CharField(
        label=pgettext_lazy("rating form", "Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class FollowUpNoteForm(forms.Form):
    note = forms.CharField(
        label=pgettext_lazy("follow-up form", "Note"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
