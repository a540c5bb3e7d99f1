"""Wire rows made directly, for desk tests that need a queue without parsing anything."""

import factory

from dateline.taxonomy.factories import AgencyFactory

from .models import Cluster, Item, Payload, Source


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Source {n}")
    slug = factory.Sequence(lambda n: f"source-{n}")
    agency = factory.SubFactory(AgencyFactory)
    delivery = Source.Delivery.PUSH


class PayloadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payload

    source = factory.SubFactory(SourceFactory)
    via = Payload.Via.PUSH
    body = b'{"headline": "x"}'
    size = factory.LazyAttribute(lambda payload: len(payload.body))


class ItemFactory(factory.django.DjangoModelFactory):
    """A stored item, not clustered unless `cluster` is given."""

    class Meta:
        model = Item
        skip_postgeneration_save = True

    source = factory.SubFactory(SourceFactory)
    payload = factory.SubFactory(PayloadFactory, source=factory.SelfAttribute("..source"))
    guid = factory.Sequence(lambda n: f"urn:test:{n}")
    headline = factory.Sequence(lambda n: f"Wire item number {n}")
    body_html = factory.Sequence(lambda n: f"<p>The body of wire item number {n}.</p>")
    fingerprint = factory.Sequence(lambda n: f"fingerprint-{n}")
    cluster = None
    clustered = factory.LazyAttribute(lambda item: item.cluster is not None)

    @factory.post_generation
    def countries(item, create, extracted, **kwargs):
        item.countries.set(extracted or ())

    @factory.post_generation
    def sectors(item, create, extracted, **kwargs):
        item.sectors.set(extracted or ())


class ClusterFactory(factory.django.DjangoModelFactory):
    """A cluster of existing items, led by the first; its updated_at is the newest arrival."""

    class Meta:
        model = Cluster

    items = ()
    id = factory.LazyAttribute(lambda cluster: cluster.items[0].pk)
    lead = factory.LazyAttribute(lambda cluster: cluster.items[0])
    size = factory.LazyAttribute(lambda cluster: len(cluster.items))
    created_at = factory.LazyAttribute(lambda cluster: cluster.items[0].received_at)
    updated_at = factory.LazyAttribute(
        lambda cluster: max(item.received_at for item in cluster.items)
    )

    @classmethod
    def _create(cls, model_class, items, **kwargs):
        cluster = super()._create(model_class, **kwargs)
        Item.objects.filter(pk__in=[item.pk for item in items]).update(
            cluster=cluster, clustered=True
        )
        for item in items:
            item.cluster, item.clustered = cluster, True
        return cluster
