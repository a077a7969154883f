"""Forms of booking, the counter and appointment hours. They parse input; actions decide."""

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.accounts.models import User
from returnee_home.accounts.phone import normalize_mainland_mobile
from returnee_home.appointments.models import ScheduleException, Slot, Weekday
from returnee_home.orgs.models import Home, Window
from returnee_home.services.models import ServiceItem

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HomeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Home) -> str:
        return f"{obj.city.name} · {obj.name}"


class ItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ServiceItem) -> str:
        return obj.title


class ItemsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: ServiceItem) -> str:
        return obj.title


def slot_label(slot: Slot) -> str:
    start = timezone.localtime(slot.starts_at)
    end = timezone.localtime(slot.ends_at)
    return f"{start:%H:%M}–{end:%H:%M} · {slot.window.name}"


class BookingPickForm(forms.Form):
    """Step by step (GET): a Home, then one of its services, then a day."""

    home = HomeChoiceField(
        label=pgettext_lazy("appointments", "Home"),
        queryset=Home.objects.none(),
        empty_label=_("Choose a Home"),
    )
    item = ItemChoiceField(
        label=_("Service"),
        queryset=ServiceItem.objects.none(),
        required=False,
        empty_label=_("Choose a service"),
    )
    day = forms.DateField(label=_("Day"), required=False, widget=DATE_INPUT)

    def __init__(self, *args: Any, homes: Any, items: Any, days: list[dt.date], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["home"].queryset = homes
        self.fields["item"].queryset = items
        self.days = days
        self.fields["day"].widget.attrs.update(
            {"min": days[0].isoformat(), "max": days[-1].isoformat()}
        )

    def clean_day(self) -> dt.date | None:
        day = self.cleaned_data.get("day")
        if day is not None and day not in self.days:
            raise forms.ValidationError(
                _("Choose a day from %(first)s to %(last)s.")
                % {"first": self.days[0].isoformat(), "last": self.days[-1].isoformat()}
            )
        return day


class SlotChoiceForm(forms.Form):
    """The free time chosen (POST), with an optional note for the Home."""

    slot = forms.TypedChoiceField(
        label=_("Free times"), coerce=int, widget=forms.RadioSelect, choices=()
    )
    note = forms.CharField(
        label=_("Note for the Home (optional)"),
        required=False,
        max_length=300,
        widget=forms.TextInput(),
    )

    def __init__(self, *args: Any, slots: list[Slot], with_note: bool = True, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [(s.pk, slot_label(s)) for s in slots]
        if not with_note:
            del self.fields["note"]


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Booking code"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class WalkInForm(forms.Form):
    """A walk-in: find their account by e-mail or mobile number, or give a name and phone."""

    contact = forms.CharField(
        label=_("Account e-mail or mobile number (optional)"),
        required=False,
        max_length=200,
    )
    name = forms.CharField(label=_("Visitor's name"), required=False, max_length=100)
    phone = forms.CharField(
        label=_("Visitor's telephone (optional)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        contact = (data.get("contact") or "").strip()
        data["person"] = None
        if contact:
            data["person"] = find_account(contact)
            if data["person"] is None:
                self.add_error("contact", _("No account has this e-mail address or number."))
        elif not (data.get("name") or "").strip():
            self.add_error("name", _("Enter the visitor's name, or find their account."))
        return data


def find_account(contact: str) -> User | None:
    """The active account with this e-mail address or mainland mobile number."""
    condition = Q(email__iexact=contact)
    try:
        condition |= Q(phone=normalize_mainland_mobile(contact))
    except forms.ValidationError:
        pass
    return User.objects.filter(condition, is_active=True).first()


class CallNextForm(forms.Form):
    window = forms.ModelChoiceField(
        label=_("Your window"), queryset=Window.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, windows: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["window"].queryset = windows
        self.fields["window"].label_from_instance = lambda w: f"{w.number} · {w.name}"


class CloseVisitForm(forms.Form):
    items = ItemsChoiceField(
        label=_("Service items handled"),
        queryset=ServiceItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one service item handled.")},
    )

    def __init__(self, *args: Any, items: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = items


class WeeklyScheduleForm(forms.Form):
    window = forms.ModelChoiceField(label=_("Service window"), queryset=Window.objects.none())
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=Weekday.choices, coerce=int)
    start = forms.TimeField(label=_("From"), widget=TIME_INPUT)
    end = forms.TimeField(label=_("Until"), widget=TIME_INPUT)
    slot_minutes = forms.IntegerField(
        label=_("Slot length (minutes)"), min_value=5, max_value=240, initial=30
    )

    def __init__(self, *args: Any, windows: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["window"].queryset = windows
        self.fields["window"].label_from_instance = lambda w: f"{w.number} · {w.name}"


class ScheduleExceptionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    window = forms.ModelChoiceField(
        label=_("Service window"),
        queryset=Window.objects.none(),
        required=False,
        empty_label=_("Every window"),
    )
    kind = forms.ChoiceField(label=_("What happens"), choices=ScheduleException.Kind.choices)
    start = forms.TimeField(label=_("From"), required=False, widget=TIME_INPUT)
    end = forms.TimeField(label=_("Until"), required=False, widget=TIME_INPUT)
    slot_minutes = forms.IntegerField(
        label=_("Slot length (minutes)"), min_value=5, max_value=240, required=False
    )
    note = forms.CharField(
        label=pgettext_lazy("schedule exception", "Note"), required=False, max_length=200
    )

    def __init__(self, *args: Any, windows: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["window"].queryset = windows
        self.fields["window"].label_from_instance = lambda w: f"{w.number} · {w.name}"
