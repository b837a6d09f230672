"""Static data of the demo territory: communes, the organisations named in the seeds, and
the vocabulary the generator composes fictional actors from."""
