"""The score, free of the database: features (``features``), French text similarity
(``text``), one pair at a time with every component and the best need/offer pairs
(``pairs``), and many pairs at once with numpy (``batch``, the first, cheap stage)."""
