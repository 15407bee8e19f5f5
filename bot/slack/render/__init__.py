"""What Slack shows: answers (:mod:`.blocks`, :mod:`.items`), the App Home (:mod:`.home`) and
the buttons' values (:mod:`.payloads`), from Block Kit pieces (:mod:`.kit`) fitted to Slack's
limits (:mod:`.limits`) and split into messages only between quotes (:mod:`.packing`)."""
