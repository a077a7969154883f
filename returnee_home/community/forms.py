"""Forms of the community pages. They parse input; the actions decide what is allowed."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.community.markup import MAX_BODY, MAX_TITLE
from returnee_home.community.models import Board, Circle, PartnerPost, Report, Sanction, Thread
from returnee_home.core.models import City, Country, Discipline

BODY_HELP = _(
    "Markdown: **bold**, *italic*, > quote, - list, [text](https://…). HTML is shown as text."
)


def _body_field(label: Any = None) -> forms.CharField:
    return forms.CharField(
        label=label or _("Text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=MAX_BODY,
        help_text=BODY_HELP,
    )


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE, required=False)
    kind = forms.ChoiceField(
        label=pgettext_lazy("thread", "Kind"), choices=Thread.Kind.choices, initial="discussion"
    )
    body = _body_field()
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=200,
        help_text=_("Up to five, separated by commas or spaces."),
    )
    image = forms.FileField(
        label=_("Add an image (JPEG or PNG)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )


class ReplyForm(forms.Form):
    body = _body_field(_("Your reply"))
    quote = forms.IntegerField(required=False, widget=forms.HiddenInput)
    image = ThreadForm.base_fields["image"]


class EditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE, required=False)
    body = _body_field()


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=Report.Reason.choices, widget=forms.RadioSelect
    )
    detail = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search threads and replies"), max_length=100, required=False)


class CircleForm(forms.Form):
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    kind = forms.ChoiceField(label=pgettext_lazy("circle", "Kind"), choices=Circle.Kind.choices)
    joining = forms.ChoiceField(label=_("Joining"), choices=Circle.Joining.choices)
    description_zh = forms.CharField(
        label=_("Description (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    description_en = forms.CharField(
        label=_("Description (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.all(), required=False)
    discipline = forms.ModelChoiceField(
        label=_("Field"), queryset=Discipline.objects.filter(parent__isnull=True), required=False
    )
    country = forms.ModelChoiceField(
        label=_("Country of study"), queryset=Country.objects.all(), required=False
    )
    institution = forms.CharField(label=_("Institution of study"), max_length=200, required=False)
    events_url = forms.CharField(
        label=_("Events link"),
        max_length=300,
        required=False,
        help_text=_("A page of this portal, e.g. /events/?q=…"),
    )


class PartnerPostForm(forms.Form):
    kind = forms.ChoiceField(label=_("Looking for"), choices=PartnerPost.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=150, required=False)
    bring = forms.CharField(
        label=_("What I bring"), max_length=2000, required=False, widget=forms.Textarea({"rows": 4})
    )
    seek = forms.CharField(
        label=_("What I seek"), max_length=2000, required=False, widget=forms.Textarea({"rows": 4})
    )
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.all(), required=False)
    discipline = forms.ModelChoiceField(
        label=_("Field"), queryset=Discipline.objects.filter(parent__isnull=True), required=False
    )
    tags = ThreadForm.base_fields["tags"]


class IntroductionForm(forms.Form):
    note = forms.CharField(
        label=_("What would you like to explore together?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The author sees only this note, not your name."),
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=5000, required=False, widget=forms.Textarea({"rows": 3})
    )
    attachment = forms.FileField(label=_("Attachment (PDF, JPEG or PNG)"), required=False)


class NewConversationForm(MessageForm):
    people = forms.ModelMultipleChoiceField(
        label=_("To"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )
    title = forms.CharField(label=_("Group name (optional)"), max_length=100, required=False)
    field_order = ["people", "title", "body", "attachment"]

    def __init__(self, *args: Any, contacts: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["people"].queryset = get_user_model().objects.filter(
            pk__in=[c.pk for c in contacts]
        )
        self.fields["people"].label_from_instance = lambda u: u.full_name or u.name_en or f"#{u.pk}"


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason shown to the member"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SanctionForm(ReasonForm):
    kind = forms.ChoiceField(label=_("Decision"), choices=Sanction.Kind.choices)
    days = forms.IntegerField(
        label=_("Days of suspension"), min_value=1, max_value=365, required=False
    )
    field_order = ["kind", "days", "reason"]


class WordForm(forms.Form):
    word = forms.CharField(label=_("Word or phrase"), max_length=100)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class BoardForm(forms.Form):
    slug = forms.SlugField(label=_("Address name"), max_length=80)
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    description_zh = forms.CharField(
        label=_("Description (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    description_en = forms.CharField(
        label=_("Description (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    posting = forms.ChoiceField(label=_("Who may start threads"), choices=Board.Posting.choices)
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.all(), required=False)
    position = forms.IntegerField(label=_("Order"), min_value=0, initial=100)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class AppointForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the member"))
