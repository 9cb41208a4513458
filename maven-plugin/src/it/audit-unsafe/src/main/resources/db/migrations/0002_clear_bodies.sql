UPDATE notes SET body = '';
