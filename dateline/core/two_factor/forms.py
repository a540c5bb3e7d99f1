from django import forms

from .devices import APP_CODE, normalise_code

CODE_INPUT = {"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
WRONG_CODE = "That code is not right. Enter the code your app shows now."


def wait_message(too_many):
    """What to say while the device makes people wait (devices.TooManyWrongCodes)."""
    return f"Too many wrong codes: wait {too_many.seconds_left} s, then try again."


class CodeForm(forms.Form):
    """A code from the authenticator app or, where the form allows it, a backup code."""

    code = forms.CharField(
        label="Code",
        max_length=32,
        widget=forms.TextInput(attrs=CODE_INPUT),
        help_text="The six-digit code your authenticator app shows now, or one of your backup codes.",
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not code.isalnum() or not code.isascii():
            raise forms.ValidationError("A code has only digits (or, for a backup code, letters).")
        return code


class AppCodeForm(CodeForm):
    """Only a code from the app: what confirms that the app was set up right."""

    code = forms.CharField(
        label="Code from the app",
        max_length=32,
        widget=forms.TextInput(attrs={**CODE_INPUT, "inputmode": "numeric"}),
        help_text="The six-digit code the app shows for this account.",
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not APP_CODE.fullmatch(code):
            raise forms.ValidationError("Enter the six digits the app shows, without letters.")
        return code
