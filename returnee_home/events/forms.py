"""Forms of events: the calendar filters, the organiser's event form and the small forms of
the event page, the check-in desk and the attendee's ticket."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.core.i18n import pick
from returnee_home.core.models import City, Language
from returnee_home.events.models import Event, EventKind, RegistrationQuestion
from returnee_home.orgs.models import Home
from returnee_home.services.models import ServiceItem

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format=LOCAL_FORMAT)


def local_datetime_field(label: Any, required: bool = True, help_text: Any = "") -> Any:
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        widget=LocalDateTimeInput(),
        input_formats=[LOCAL_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )


class NamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.name


class NamedMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.name


class ItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} · {pick(obj.title_zh, obj.title_en)}"


class CalendarFilterForm(forms.Form):
    """Filters of the public calendar; every field optional, values are codes and slugs so that
    filtered addresses are readable and shareable."""

    city = NamedChoiceField(
        label=_("City"),
        queryset=City.objects.filter(kind=City.Kind.PREFECTURE),
        to_field_name="code",
        required=False,
        empty_label=pgettext_lazy("filter", "All cities"),
    )
    home = NamedChoiceField(
        label=pgettext_lazy("event filter", "Home"),
        queryset=Home.objects.filter(status=Home.Status.NAMED).order_by("code"),
        to_field_name="slug",
        required=False,
        empty_label=pgettext_lazy("filter", "All Homes"),
    )
    kind = forms.ChoiceField(
        label=pgettext_lazy("event filter", "Kind"),
        choices=[("", pgettext_lazy("filter", "All kinds")), *EventKind.choices],
        required=False,
    )
    language = NamedChoiceField(
        label=pgettext_lazy("event filter", "Language"),
        queryset=Language.objects.filter(events__isnull=False).distinct().order_by("sort_order"),
        to_field_name="code",
        required=False,
        empty_label=pgettext_lazy("filter", "Any language"),
    )
    date_from = forms.DateField(
        label=pgettext_lazy("event filter", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("event filter", "Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


class EventForm(forms.ModelForm):
    """The organiser's event form. Times are typed in Asia/Shanghai."""

    home = NamedChoiceField(
        label=pgettext_lazy("event", "Organiser Home"), queryset=Home.objects.none()
    )
    starts_at = local_datetime_field(pgettext_lazy("event", "Starts at (Beijing time)"))
    ends_at = local_datetime_field(pgettext_lazy("event", "Ends at (Beijing time)"))
    registration_opens_at = local_datetime_field(
        pgettext_lazy("event", "Registration opens (Beijing time)"),
        required=False,
        help_text=_("Empty: as soon as the event is published."),
    )
    registration_closes_at = local_datetime_field(
        pgettext_lazy("event", "Registration closes (Beijing time)"),
        required=False,
        help_text=_("Empty: when the event starts."),
    )
    languages = NamedMultipleChoiceField(
        label=pgettext_lazy("event", "Languages of the event"),
        queryset=Language.objects.order_by("sort_order", "code"),
        widget=forms.CheckboxSelectMultiple,
    )
    service_item = ItemChoiceField(
        label=pgettext_lazy("event", "Service item recorded for attendees"),
        queryset=ServiceItem.objects.filter(is_active=True).order_by("code"),
        required=False,
        empty_label=pgettext_lazy("event", "Chosen by the kind of event"),
    )
    online_url = forms.URLField(
        label=pgettext_lazy("event", "Online link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Shown only to people whose registration is confirmed."),
    )
    cover = forms.FileField(
        label=pgettext_lazy("event", "Cover image (JPEG or PNG)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )

    class Meta:
        model = Event
        fields = [
            "home",
            "kind",
            "title_zh",
            "title_en",
            "description_zh",
            "description_en",
            "audience_zh",
            "audience_en",
            "starts_at",
            "ends_at",
            "venue_zh",
            "venue_en",
            "online_url",
            "capacity",
            "has_waiting_list",
            "requires_approval",
            "registration_opens_at",
            "registration_closes_at",
            "languages",
            "service_item",
        ]
        widgets = {
            "description_zh": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 6}),
            "audience_zh": forms.Textarea(attrs={"rows": 2}),
            "audience_en": forms.Textarea(attrs={"rows": 2}),
            "capacity": forms.NumberInput(attrs={"min": 1}),
        }

    def __init__(self, *args: Any, homes: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if homes is not None:
            self.fields["home"].queryset = homes
            if homes.count() == 1 and not self.initial.get("home"):
                self.initial["home"] = homes.first()

    def event_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("languages", None)
        data.pop("cover", None)
        return data


class ScheduleForm(forms.Form):
    publish_at = local_datetime_field(pgettext_lazy("event", "Publish at (Beijing time)"))


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=pgettext_lazy("event", "Reason for cancelling"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Everyone registered receives it."),
    )


class QuestionForm(forms.ModelForm):
    class Meta:
        model = RegistrationQuestion
        fields = ["label_zh", "label_en", "kind", "choices_zh", "choices_en", "is_required"]
        widgets = {
            "choices_zh": forms.Textarea(attrs={"rows": 3}),
            "choices_en": forms.Textarea(attrs={"rows": 3}),
        }


class RegistrationForm(forms.Form):
    """The event's own questions, one field `q<id>` each."""

    def __init__(self, *args: Any, questions: list[RegistrationQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        K = RegistrationQuestion.Kind
        for question in questions:
            name = f"q{question.pk}"
            required = question.is_required
            if question.kind == K.CHOICE:
                field: forms.Field = forms.ChoiceField(
                    choices=[("", "—"), *question.choice_list()], required=required
                )
            elif question.kind == K.YES_NO:
                field = forms.ChoiceField(
                    choices=[
                        ("", "—"),
                        ("yes", pgettext_lazy("answer", "Yes")),
                        ("no", pgettext_lazy("answer", "No")),
                    ],
                    required=required,
                )
            elif question.kind == K.LONG_TEXT:
                field = forms.CharField(
                    max_length=2000, required=required, widget=forms.Textarea(attrs={"rows": 3})
                )
            else:
                field = forms.CharField(max_length=300, required=required)
            field.label = question.label
            self.fields[name] = field

    def answers(self) -> dict[str, str]:
        return {k.removeprefix("q"): v for k, v in self.cleaned_data.items() if v}


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=pgettext_lazy("check-in", "Check-in code"),
        max_length=60,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "checkin-code",
                "autofocus": True,
            }
        ),
    )


class WalkInForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("walk-in", "Name"), max_length=100)
    phone = forms.CharField(
        label=pgettext_lazy("walk-in", "Telephone (optional)"), max_length=40, required=False
    )


class MaterialForm(forms.Form):
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    url = forms.URLField(
        label=pgettext_lazy("material", "Link (slides, recording)"),
        required=False,
        max_length=500,
        assume_scheme="https",
    )
    file = forms.FileField(
        label=pgettext_lazy("material", "File (PDF, JPEG or PNG)"), required=False
    )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=pgettext_lazy("feedback", "How useful was the event?"),
        choices=[
            (5, pgettext_lazy("feedback", "5 · Very useful")),
            (4, pgettext_lazy("feedback", "4 · Useful")),
            (3, pgettext_lazy("feedback", "3 · Somewhat useful")),
            (2, pgettext_lazy("feedback", "2 · Not very useful")),
            (1, pgettext_lazy("feedback", "1 · Not useful")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=pgettext_lazy("feedback", "Comment (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
