// test-process: dom
import "../../support/dom";
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { fireEvent, waitFor } from "@testing-library/react";
import { useState } from "react";
import { ExerciseList } from "@/components/demo/exercise-list";
import { DEMO_EXERCISES, type DemoExercises } from "@/lib/domain/demo";
import { cleanupAfterEach, renderUi } from "../../support/render-dom";

// The checklist widget: words with every tick (never the colour alone), the server's details, and no
// timer of its own: it re-reads only when the screen hands it a newer snapshot time.

cleanupAfterEach();

const realFetch = globalThis.fetch;
after(() => {
  globalThis.fetch = realFetch;
});

function answer(done: Partial<Record<string, { member: string; from?: string }>>): DemoExercises {
  return {
    startedAt: 1,
    exercises: DEMO_EXERCISES.map(({ id, lab }) => ({
      id,
      lab,
      done: !!done[id],
      doneAt: done[id] ? 2 : null,
      member: done[id]?.member ?? null,
      from: done[id]?.from ?? null,
    })),
  };
}

/** A fetch that counts GET /api/demo/exercises and answers with `body()`. */
function stubFetch(body: () => DemoExercises) {
  const calls: string[] = [];
  globalThis.fetch = (async (input: RequestInfo | URL) => {
    calls.push(String(input));
    return Response.json(body());
  }) as typeof fetch;
  return calls;
}

/** The screen's side: a re-render with the same snapshot time, or a newer one. */
function Harness() {
  const [state, setState] = useState({ key: 100, renders: 0 });
  return (
    <>
      <button type="button" onClick={() => setState((s) => ({ ...s, renders: s.renders + 1 }))}>
        same
      </button>
      <button type="button" onClick={() => setState((s) => ({ ...s, key: s.key + 5 }))}>
        newer
      </button>
      <ExerciseList refreshKey={state.key} />
    </>
  );
}

describe("ExerciseList", () => {
  test("done and not-done items say so in words; the details name the members", async () => {
    stubFetch(() =>
      answer({ "find-primary": { member: "node1" }, switchover: { member: "node2", from: "node1" } }),
    );
    const view = renderUi(<ExerciseList refreshKey={100} cluster="demo" members={["node1", "node2"]} />);
    await waitFor(() => assert.equal(view.getAllByTestId("demo-exercise").length, 5));
    const item = (id: string) => view.getAllByTestId("demo-exercise").find((e) => e.dataset.exercise === id)!;
    assert.equal(item("find-primary").dataset.done, "true");
    assert.match(item("find-primary").textContent ?? "", /^Done/);
    assert.match(item("find-primary").textContent ?? "", /node1 answered 200: it is the primary/);
    assert.match(item("switchover").textContent ?? "", /Leader node1 → node2/);
    assert.equal(item("failover").dataset.done, "false");
    assert.match(item("failover").textContent ?? "", /^Not yet/);
    assert.match(view.getByTestId("demo-exercises-progress").textContent ?? "", /2 of 5 done/);
    // The Lab 1 task still to do links to each node's explorer; a done one no longer does.
    const links = view.getAllByTestId("demo-exercise-explorer-link");
    assert.deepEqual(
      links.map((a) => a.getAttribute("href")),
      ["/clusters/demo/nodes/node1#node-explorer", "/clusters/demo/nodes/node2#node-explorer"],
    );
    assert.ok(links.every((a) => item("root-503").contains(a)));
  });

  test("Vietnamese", async () => {
    stubFetch(() => answer({ pause: { member: "" } }));
    const view = renderUi(<ExerciseList refreshKey={100} />, { locale: "vi" });
    await waitFor(() =>
      assert.match(view.getByTestId("demo-exercises-progress").textContent ?? "", /Đã xong 1\/5/),
    );
    assert.match(view.getByTestId("demo-exercises").textContent ?? "", /Bài lab 2 · Tạm dừng cụm/);
  });

  test("one read at mount, one more per newer snapshot, none on a re-render with the same one", async () => {
    let done = {};
    const calls = stubFetch(() => answer(done));
    const view = renderUi(<Harness />);
    await waitFor(() => assert.equal(view.getAllByTestId("demo-exercise").length, 5));
    assert.equal(calls.length, 1);
    fireEvent.click(view.getByText("same"));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(calls.length, 1, "same snapshot: no read");
    done = { pause: { member: "" } };
    fireEvent.click(view.getByText("newer"));
    await waitFor(() =>
      assert.match(view.getByTestId("demo-exercises-progress").textContent ?? "", /1 of 5 done/),
    );
    assert.equal(calls.length, 2);
    assert.ok(calls.every((c) => c === "/api/demo/exercises"));
  });
});
