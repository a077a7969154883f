from django import forms
from django.utils.translation import gettext_lazy as _


class PreferenceForm(forms.Form):
    email_copies = forms.BooleanField(
        label=_("E-mail me a copy of each notification"),
        required=False,
        help_text=_("Messages always stay in your inbox on the site."),
    )
