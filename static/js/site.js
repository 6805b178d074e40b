// civicnews: the only script besides htmx. The pages work without it.

// Drop empty fields from htmx GET requests, so a filter change pushes /meetings/?status=held
// rather than /meetings/?city=&official=&topic=&status=held&date_from=&date_to=.
document.addEventListener("htmx:configRequest", (event) => {
  if (event.detail.verb !== "get") return;
  const data = event.detail.formData;
  for (const [name, value] of Array.from(data.entries())) {
    if (value === "") data.delete(name);
  }
});
