SELECT E'it\'s;
