"""Wire rows made directly, for desk tests that need a queue without parsing anything."""

import itertools

from django.contrib.auth.models import Group, User

from dateline.taxonomy.models import Agency
from dateline.wire.models import Cluster, Item, Payload, Source

_numbers = itertools.count(1)


def member(username, group_name):
    user = User.objects.create_user(username, password="pw", first_name=username.title())
    user.groups.add(Group.objects.get(name=group_name))
    return user


def make_agency(name, credit):
    return Agency.objects.get_or_create(
        name=name, defaults={"slug": name.lower().replace(" ", "-"), "credit": credit}
    )[0]


def make_source(agency=None, **overrides):
    number = next(_numbers)
    values = {
        "name": f"Source {number}",
        "slug": f"source-{number}",
        "agency": agency or make_agency(f"Agency {number}", f"AG{number}"),
        "delivery": Source.Delivery.PUSH,
    }
    values.update(overrides)
    return Source.objects.create(**values)


def make_payload(source, body=b'{"headline": "x"}', **overrides):
    values = {"via": Payload.Via.PUSH, "body": body, "size": len(body)}
    values.update(overrides)
    return Payload.objects.create(source=source, **values)


def make_item(source, *, countries=(), sectors=(), **overrides):
    """A stored item, not clustered unless `cluster` is given."""
    number = next(_numbers)
    values = {
        "payload": make_payload(source),
        "guid": f"urn:test:{number}",
        "headline": f"Wire item number {number}",
        "body_html": f"<p>The body of wire item number {number}.</p>",
        "fingerprint": f"fingerprint-{number}",
    }
    values.update(overrides)
    values["clustered"] = values.get("cluster") is not None
    item = Item.objects.create(source=source, **values)
    item.countries.set(countries)
    item.sectors.set(sectors)
    return item


def make_cluster(*items, assigned_to=None):
    """A cluster led by the first item; its updated_at is the newest item's arrival."""
    cluster = Cluster.objects.create(
        pk=items[0].pk,
        lead=items[0],
        size=len(items),
        assigned_to=assigned_to,
        created_at=items[0].received_at,
        updated_at=max(item.received_at for item in items),
    )
    Item.objects.filter(pk__in=[item.pk for item in items]).update(cluster=cluster, clustered=True)
    for item in items:
        item.cluster, item.clustered = cluster, True
    return cluster
