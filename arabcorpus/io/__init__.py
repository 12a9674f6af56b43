"""Reading: documents from files, folders, archives and data frames; the cleaning rules
for news pages; published datasets. It imports only the text core."""
