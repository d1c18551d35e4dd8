// The writing desk: a copy button beside each citation (without JavaScript, select it).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  document.body.append(status);
  for (const code of document.querySelectorAll(".quote code")) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Kopiëren";
    button.setAttribute("aria-label", `Kopieer ${code.textContent}`);
    button.addEventListener("click", async () => {
      await navigator.clipboard.writeText(code.textContent);
      status.textContent = `Gekopieerd: ${code.textContent}`;
    });
    code.after(" ", button);
  }
});
