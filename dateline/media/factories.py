import io

import factory
from django.core.files.images import ImageFile
from PIL import Image as PillowImage

from .models import DigitalSourceType, NewsImage


def jpeg_bytes(width=1600, height=900, colour=(120, 60, 30)):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return buffer.getvalue()


class NewsImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsImage

    title = factory.Sequence(lambda n: f"Test image {n}")
    alt_text = "A test picture"
    credit = "Test Photographer / Test Agency"
    source = "Test Agency"
    digital_source_type = DigitalSourceType.DIGITAL_CAPTURE
    file = factory.LazyFunction(lambda: ImageFile(io.BytesIO(jpeg_bytes()), name="test.jpg"))
