// One question a screen; each answer is saved when given (and again on reconnect); the server keeps the time.
(function () {
  "use strict";
  var state = JSON.parse(document.getElementById("quiz-state").textContent);
  var paper = state.paper, answers = state.answers, index = 0, pending = {};
  var deadline = Date.now() + state.remaining * 1000;
  var box = document.getElementById("quiz-question"), status = document.getElementById("quiz-status");
  var csrf = document.querySelector("input[name=csrfmiddlewaretoken]").value;
  var TYPES = { single: "单选题", multiple: "多选题", judge: "判断题", blank: "填空题" };
  var KEY = "quiz-pos-" + state.answer_url;
  try { index = Math.min(paper.length - 1, parseInt(sessionStorage.getItem(KEY) || "0", 10) || 0); } catch (e) { index = 0; }

  function post(url, body, json) {
    return fetch(url, { method: "POST", credentials: "same-origin", headers: json ?
      { "Content-Type": "application/json", "X-CSRFToken": csrf } :
      { "Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": csrf }, body: body });
  }
  function save(qid) {
    pending[qid] = answers[qid];
    status.textContent = "正在保存…";
    post(state.answer_url, JSON.stringify({ q: Number(qid), v: answers[qid] }), true).then(function (r) {
      return r.json().then(function (data) {
        if (data.ok) { delete pending[qid]; status.textContent = "已保存"; }
        else { status.textContent = data.error; if (r.status === 409) { delete pending[qid]; location.reload(); } }
      });
    }).catch(function () { status.textContent = "网络中断，恢复后将自动重新保存"; });
  }
  window.addEventListener("online", function () { Object.keys(pending).forEach(save); });
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }
  function render() {
    var q = paper[index], chosen = answers[q.id] || [];
    try { sessionStorage.setItem(KEY, String(index)); } catch (e) { /* private mode */ }
    box.replaceChildren();
    box.appendChild(el("p", { "class": "quiz-type" }, TYPES[q.type]));
    box.appendChild(el("h2", { id: "quiz-stem" }, (index + 1) + ". " + q.text));
    if (q.image) { box.appendChild(el("img", { src: q.image, alt: "" })); }
    if (q.type === "blank") {
      var input = el("input", { type: "text", id: "quiz-blank", "aria-labelledby": "quiz-stem" });
      input.value = chosen[0] || "";
      input.addEventListener("change", function () { answers[q.id] = [input.value]; save(q.id); });
      box.appendChild(input);
    } else {
      q.options.forEach(function (text, i) {
        var value = q.type === "judge" ? (i === 0) : i;
        var isChosen = chosen.indexOf(value) !== -1;
        var label = el("label", { "class": "quiz-option" + (isChosen ? " is-chosen" : "") });
        var input = el("input", { type: q.type === "multiple" ? "checkbox" : "radio", name: "q" + q.id });
        input.checked = isChosen;
        input.addEventListener("change", function () {
          if (q.type === "multiple") {
            var now = (answers[q.id] || []).filter(function (v) { return v !== value; });
            if (input.checked) { now.push(value); }
            answers[q.id] = now.sort();
          } else { answers[q.id] = [value]; }
          save(q.id); render();
        });
        label.appendChild(input);
        label.appendChild(document.createTextNode((q.type === "judge" ? "" : "ABCDEF"[i] + ". ") + text));
        box.appendChild(label);
      });
    }
    var done = Object.keys(answers).filter(function (k) { return (answers[k] || []).length; }).length;
    document.getElementById("quiz-progress").textContent = "第 " + (index + 1) + " / " + paper.length + " 题 · 已答 " + done;
    document.getElementById("quiz-fill").style.width = (100 * (index + 1) / paper.length) + "%";
    document.getElementById("quiz-prev").disabled = index === 0;
    document.getElementById("quiz-next").disabled = index === paper.length - 1;
  }
  function tick() {
    var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    document.getElementById("quiz-clock").textContent = "剩余 " + Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    if (left === 0) { document.getElementById("quiz-submit-form").submit(); return; }
    setTimeout(tick, 1000);
  }
  document.getElementById("quiz-prev").addEventListener("click", function () { if (index > 0) { index--; render(); } });
  document.getElementById("quiz-next").addEventListener("click", function () { if (index < paper.length - 1) { index++; render(); } });
  document.getElementById("quiz-submit-form").addEventListener("submit", function (e) {
    var left = paper.length - Object.keys(answers).length;
    if (left > 0 && Date.now() < deadline && !window.confirm("还有 " + left + " 题未答，确定交卷吗？")) { e.preventDefault(); }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      var body = new URLSearchParams({ kind: "hidden", csrfmiddlewaretoken: csrf });
      if (!(navigator.sendBeacon && navigator.sendBeacon(state.event_url, body))) { post(state.event_url, body.toString()); }
    }
  });
  render(); tick();
}());
