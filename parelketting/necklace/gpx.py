"""A route as GPX 1.1 for phone navigation apps: the stops as waypoints and the walk as a route."""

from xml.etree import ElementTree as ET  # nosec B405  # only builds XML, never parses outside input

GPX_NS = "http://www.topografix.com/GPX/1/1"


def route_gpx(*, name: str, description: str, url: str, stops: list[dict]) -> bytes:
    """``stops``: dicts with ``lat``, ``lng``, ``name`` and ``description``, in walking order."""
    ET.register_namespace("", GPX_NS)
    root = ET.Element(
        f"{{{GPX_NS}}}gpx",
        {
            "version": "1.1",
            "creator": "Wijkportaal Parelketting",
        },
    )
    metadata = ET.SubElement(root, f"{{{GPX_NS}}}metadata")
    ET.SubElement(metadata, f"{{{GPX_NS}}}name").text = name
    if description:
        ET.SubElement(metadata, f"{{{GPX_NS}}}desc").text = description
    link = ET.SubElement(metadata, f"{{{GPX_NS}}}link", {"href": url})
    ET.SubElement(link, f"{{{GPX_NS}}}text").text = name

    def point(tag, parent, number, stop):
        element = ET.SubElement(
            parent, f"{{{GPX_NS}}}{tag}", {"lat": f"{stop['lat']:.6f}", "lon": f"{stop['lng']:.6f}"}
        )
        ET.SubElement(element, f"{{{GPX_NS}}}name").text = f"{number}. {stop['name']}"
        if stop.get("description"):
            ET.SubElement(element, f"{{{GPX_NS}}}desc").text = stop["description"]
        return element

    for number, stop in enumerate(stops, start=1):
        point("wpt", root, number, stop)
    rte = ET.SubElement(root, f"{{{GPX_NS}}}rte")
    ET.SubElement(rte, f"{{{GPX_NS}}}name").text = name
    for number, stop in enumerate(stops, start=1):
        point("rtept", rte, number, stop)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
