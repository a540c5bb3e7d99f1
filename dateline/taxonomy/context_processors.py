from django.utils.functional import SimpleLazyObject

from .editions import reader_edition


def edition(request):
    return {"edition": SimpleLazyObject(lambda: reader_edition(request))}
