// Live progress for the admin's jobs pages: every bar of a job that is not finished asks the
// server for news every two seconds. On a job's own page, the page reloads once the job ends
// so that its items and result appear. Without JavaScript the page shows the state at load.
(function () {
  "use strict";
  var FINISHED = { done: true, failed: true, cancelled: true };

  function unfinishedIds() {
    var ids = [];
    document.querySelectorAll("[data-job-state]").forEach(function (el) {
      var state = (el.className.match(/job-(\w+)/) || [])[1];
      if (!FINISHED[state]) ids.push(el.getAttribute("data-job-state"));
    });
    return ids;
  }

  function progressUrl() {
    var path = window.location.pathname;
    var base = path.replace(/\/articles\/job\/.*$/, "/articles/job/");
    return base + "progress/";
  }

  function update(job) {
    document.querySelectorAll('.job-progress[data-job="' + job.id + '"]').forEach(function (el) {
      var bar = el.querySelector("progress");
      bar.max = job.total || 1;
      bar.value = job.total ? job.done : 0;
      el.querySelector(".job-count").textContent = job.done + " / " + job.total;
    });
    document.querySelectorAll('[data-job-state="' + job.id + '"]').forEach(function (el) {
      el.textContent = job.state_label + (job.cancel_requested && !job.finished ? "（正在取消）" : "");
      el.className = "job-state job-" + job.state;
    });
    var current = document.querySelector(".field-current .readonly");
    if (current) current.textContent = job.current || "-";
  }

  function poll() {
    var ids = unfinishedIds();
    if (!ids.length) return;
    fetch(progressUrl() + "?ids=" + ids.join(","), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : { jobs: [] }; })
      .then(function (data) {
        var ended = false;
        data.jobs.forEach(function (job) {
          update(job);
          if (job.finished) ended = true;
        });
        if (ended && document.querySelector(".field-items_table")) {
          window.location.reload();
          return;
        }
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  document.addEventListener("DOMContentLoaded", function () { window.setTimeout(poll, 2000); });
})();
