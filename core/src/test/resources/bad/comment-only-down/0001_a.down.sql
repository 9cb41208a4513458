-- nothing to undo here
/* really nothing; */
