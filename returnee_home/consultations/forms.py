"""Forms of consultations."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.consultations.models import Consultation
from returnee_home.core.models import ServiceCategory
from returnee_home.orgs.models import Home
from returnee_home.services.models import ServiceItem


class HomeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Home) -> str:
        return obj.name


class AskForm(forms.Form):
    home = HomeChoiceField(
        label=pgettext_lazy("consultation form", "Ask"),
        queryset=Home.objects.filter(status=Home.Status.NAMED).order_by("code"),
        required=False,
        empty_label=pgettext_lazy("consultation form", "The province (Jiangsu)"),
    )
    category = forms.ModelChoiceField(
        label=_("Service category"), queryset=ServiceCategory.objects.all()
    )
    item = forms.ModelChoiceField(
        label=pgettext_lazy("consultation form", "Service item (optional)"),
        queryset=ServiceItem.objects.filter(is_active=True),
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Language of the question"), choices=Consultation.Language.choices
    )
    subject = forms.CharField(label=pgettext_lazy("consultation form", "Subject"), max_length=200)
    question = forms.CharField(
        label=pgettext_lazy("consultation form", "Your question"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    name = forms.CharField(label=_("Your name (optional)"), max_length=100, required=False)
    email = forms.EmailField(
        label=pgettext_lazy("consultation form", "Your e-mail address"),
        required=False,
        help_text=_("Without an account: we send a link to confirm it; the answer comes there."),
    )
    consent_to_publish = forms.BooleanField(
        label=_("The question and answer may be published without my name as an FAQ."),
        required=False,
    )

    def __init__(self, *args, signed_in: bool = False, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if signed_in:
            del self.fields["email"]
            del self.fields["name"]
        else:
            self.fields["email"].required = True


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=pgettext_lazy("consultation form", "Answer"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class HandoverForm(forms.Form):
    to_home = HomeChoiceField(
        label=pgettext_lazy("consultation form", "Hand over to"),
        queryset=Home.objects.order_by("code"),
        required=False,
        empty_label=pgettext_lazy("consultation form", "The province (Jiangsu)"),
    )
    note = forms.CharField(
        label=pgettext_lazy("consultation form", "Note for the receiver"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PublishForm(forms.Form):
    question_zh = forms.CharField(
        label=_("Question (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    question_en = forms.CharField(
        label=_("Question (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    answer_zh = forms.CharField(
        label=_("Answer (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    answer_en = forms.CharField(
        label=_("Answer (English)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
