"""A second factor for staff: a code from an authenticator app after the password.

Built on django-otp: each person may enrol one authenticator app (a TOTP device) and gets ten
single-use backup codes (a static device) with it. Whoever has an app enrolled gives a code after
the password before they are signed in (login.py); a setting can require enrolment of some roles
(middleware.py). People enrol and turn it off on their account page (views.py), superusers reset
it for someone who lost their phone (views.py, or `manage.py reset_two_factor`).
"""
