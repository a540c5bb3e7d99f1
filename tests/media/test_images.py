import io
import re

import pytest
from django.core.files.images import ImageFile
from django.template import Context, Template

from dateline.media.factories import NewsImageFactory, jpeg_bytes
from dateline.media.models import AI_DISCLAIMER, DigitalSourceType

pytestmark = pytest.mark.django_db

FIGURE = Template(
    '{% include "includes/figure.html" with image=image caption="Floodwater in a market" %}'
)


def test_ai_generated_image_gets_its_disclaimer_without_anyone_typing_it():
    image = NewsImageFactory(digital_source_type=DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA)
    html = FIGURE.render(Context({"image": image}))
    assert AI_DISCLAIMER in html
    assert "Floodwater in a market" in html
    assert image.digital_source_type_uri.endswith("/digitalsourcetype/trainedAlgorithmicMedia")


def test_composite_with_ai_elements_is_labelled_too():
    image = NewsImageFactory(
        digital_source_type=DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA
    )
    assert AI_DISCLAIMER in FIGURE.render(Context({"image": image}))


def test_photograph_has_credit_and_no_disclaimer():
    image = NewsImageFactory(credit="Asha Rao / Photo Desk")
    html = FIGURE.render(Context({"image": image}))
    assert "Asha Rao / Photo Desk" in html
    assert "AI-generated" not in html


def test_responsive_image_offers_webp_widths_with_fixed_dimensions():
    image = NewsImageFactory()
    html = Template("{% load media_tags %}{% responsive_image image sizes='50vw' %}").render(
        Context({"image": image})
    )
    assert 'width="800" height="450"' in html
    assert "400w" in html and "800w" in html and "1200w" in html
    assert html.count(".webp") == 4
    assert 'alt="A test picture"' in html
    assert 'sizes="50vw"' in html


def test_alt_text_is_required():
    image = NewsImageFactory.build(alt_text="")
    with pytest.raises(Exception, match="alt_text"):
        image.full_clean()


def test_small_original_is_offered_once_at_its_own_width():
    image = NewsImageFactory(file=ImageFile(io.BytesIO(jpeg_bytes(500, 300)), name="small.jpg"))
    html = Template("{% load media_tags %}{% responsive_image image %}").render(
        Context({"image": image})
    )
    srcset = re.search(r'srcset="([^"]*)"', html).group(1)
    assert [entry.rsplit(" ", 1)[1] for entry in srcset.split(", ")] == ["400w", "500w"]
    assert 'width="500"' in html
