"use client";

import { ReactFlowProvider } from "@xyflow/react";
import { CircleAlert, LoaderCircle, Network, Plus, Radio } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { EmptyState } from "@/components/empty-state";
import { Button, buttonClasses } from "@/components/ui/button";
import { loadElk } from "@/lib/topology/elk-loader";
import type { DeltaResult } from "@/lib/topology/graph-state";
import type { TopologyT } from "@/lib/topology/labels";
import { layoutMemoryKey } from "@/lib/topology/layout-memory";
import type { GraphState, TopologyNode } from "@/lib/topology/types";
import {
  TOPOLOGY_QUERY_OPTIONS,
  type TopologyScope,
  topologyInput,
  useTopologyGraph,
} from "@/lib/topology/use-topology-graph";
import { useErrorMessage } from "@/lib/use-error-message";
import { trpc } from "@/trpc/react";
import { TopologySkeleton, TopologyWorkspace } from "./topology-workspace";

/** How long a removed node takes to fade out (matches topology.css). */
const FADE_MS = 450;

function hasTenantResources(graph: GraphState): boolean {
  for (const node of graph.nodes.values()) if (node.kind !== "network" || !node.external) return true;
  return false;
}

function describeChange(t: TopologyT, result: DeltaResult, names: (id: string) => string): string {
  const parts: string[] = [];
  if (result.added.length > 0)
    parts.push(
      t("view.added", {
        names: result.added.slice(0, 3).map(names).join(t("listSeparator")),
        more: Math.max(0, result.added.length - 3),
      }),
    );
  if (result.removed.length > 0)
    parts.push(
      t("view.removed", {
        names: result.removed
          .slice(0, 3)
          .map((n) => n.name || n.id)
          .join(t("listSeparator")),
        more: Math.max(0, result.removed.length - 3),
      }),
    );
  return parts.join(" ");
}

function ProjectFilter({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const projects = trpc.identity.projects.list.useQuery(
    { page: 1, pageSize: 100, sort: "name", dir: "asc" },
    { staleTime: 60_000 },
  );
  // Named apart from the header's project switcher, so neither hides the other from assistive tech.
  const id = useId();
  const t = useTranslations("topology.view");
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="text-fg-muted">
        {t("filterByProject")}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="h-9 rounded-md border border-border bg-surface px-2 text-sm"
      >
        <option value="">{t("allProjects")}</option>
        {(projects.data?.items ?? []).map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function CreateLinks() {
  const t = useTranslations("topology.view");
  return (
    <>
      <Link href="/project/networks?create=1" className={buttonClasses("secondary", "sm")}>
        <Plus size={14} aria-hidden /> {t("createNetwork")}
      </Link>
      <Link href="/project/routers?create=1" className={buttonClasses("secondary", "sm")}>
        <Plus size={14} aria-hidden /> {t("createRouter")}
      </Link>
      <Link href="/project/instances/launch" className={buttonClasses("secondary", "sm")}>
        <Plus size={14} aria-hidden /> {t("launchInstance")}
      </Link>
    </>
  );
}

/** Whether pushed changes are arriving: the diagram has no refresh timer, so say when it may be stale. */
function LiveIndicator({ live, error }: { live: "idle" | "connecting" | "live" | "error"; error: unknown }) {
  const t = useTranslations("topology.view");
  const errorMessageOf = useErrorMessage();
  if (live === "live")
    return (
      <span className="inline-flex items-center gap-1.5 text-xs text-fg-muted">
        <Radio size={14} aria-hidden className="text-success" /> {t("live")}
      </span>
    );
  if (live === "error")
    return (
      <span role="status" className="inline-flex items-center gap-1.5 text-xs text-danger">
        <CircleAlert size={14} aria-hidden /> {t("liveStopped", { message: errorMessageOf(error) })}
      </span>
    );
  return (
    <span role="status" className="inline-flex items-center gap-1.5 text-xs text-fg-muted">
      <LoaderCircle size={14} aria-hidden className="animate-spin" /> {t("connecting")}
    </span>
  );
}

/** One scope's live graph and its diagram; remounted (by key) when the scope changes. */
function ScopedTopology({
  scope,
  topologyScope,
  memoryKey,
  toolbarExtra,
}: {
  scope: "project" | "all";
  topologyScope: TopologyScope;
  memoryKey: string;
  toolbarExtra: React.ReactNode;
}) {
  const [leaving, setLeaving] = useState<ReadonlyMap<string, TopologyNode>>(() => new Map());
  const [entering, setEntering] = useState<ReadonlySet<string>>(() => new Set());
  const [announcement, setAnnouncement] = useState("");
  const t = useTranslations("topology");
  const tCommon = useTranslations("common");
  const errorMessageOf = useErrorMessage();
  const timers = useRef(new Set<number>());
  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const t of pending) window.clearTimeout(t);
    };
  }, []);

  const onDelta = useCallback(
    (result: DeltaResult) => {
      const names = (id: string) => {
        const n = result.state.nodes.get(id);
        return n ? n.name || n.id : id;
      };
      const message = describeChange(t, result, names);
      if (message) setAnnouncement(message);
      if (result.removed.length === 0 && result.added.length === 0) return;
      const gone = result.removed.map((n) => n.id);
      const added = result.added;
      setLeaving((old) => new Map([...old, ...result.removed.map((n) => [n.id, n] as const)]));
      setEntering((old) => new Set([...old, ...added]));
      // The fades are CSS; this only drops the faded nodes and the entry marks afterwards.
      const timer = window.setTimeout(() => {
        timers.current.delete(timer);
        setLeaving((old) => {
          const next = new Map(old);
          for (const id of gone) next.delete(id);
          return next;
        });
        setEntering((old) => {
          const next = new Set(old);
          for (const id of added) next.delete(id);
          return next;
        });
      }, FADE_MS);
      timers.current.add(timer);
    },
    [t],
  );

  const { graph, loading, error, retry, live, liveError } = useTopologyGraph(topologyScope, onDelta);

  if (error) {
    return (
      <div
        role="alert"
        className="flex flex-col items-center gap-3 rounded-lg border border-border bg-surface px-6 py-12 text-center text-sm"
      >
        <p className="font-medium text-danger">{t("view.loadFailed")}</p>
        <p className="max-w-lg text-fg-muted">{errorMessageOf(error)}</p>
        <Button size="sm" onClick={retry}>
          {tCommon("retry")}
        </Button>
      </div>
    );
  }
  if (loading || !graph) {
    return (
      <div className="h-[calc(100vh-15rem)] min-h-[28rem] overflow-hidden rounded-lg border border-border">
        <TopologySkeleton />
      </div>
    );
  }
  if (!hasTenantResources(graph)) {
    return (
      <>
        {scope === "all" ? <div className="mb-3">{toolbarExtra}</div> : null}
        <EmptyState icon={Network} title={scope === "all" ? t("view.emptyAll") : t("view.emptyProject")}>
          <p>{t("view.emptyHint")}</p>
          {scope === "project" ? (
            <div className="mt-3 flex justify-center gap-2">
              <Link href="/project/networks?create=1" className={buttonClasses("primary")}>
                {t("view.createNetwork")}
              </Link>
              <Link href="/project/routers?create=1" className={buttonClasses("secondary")}>
                {t("view.createRouter")}
              </Link>
            </div>
          ) : null}
        </EmptyState>
      </>
    );
  }
  return (
    <TopologyWorkspace
      graph={graph}
      leaving={leaving}
      entering={entering}
      memoryKey={memoryKey}
      scope={scope}
      toolbarExtra={
        <>
          {toolbarExtra}
          <LiveIndicator live={live} error={liveError} />
        </>
      }
      announcement={announcement}
    />
  );
}

/**
 * The live network topology: `scope="project"` for the current project,
 * `scope="all"` for cloud admins across projects (with a project filter).
 */
export function TopologyView({ scope }: { scope: "project" | "all" }) {
  const me = trpc.session.me.useQuery(undefined, { staleTime: 60_000 });
  const [projectId, setProjectId] = useState("");
  const topologyScope: TopologyScope = scope === "all" ? { allProjects: true, projectId } : {};
  // Read the graph (the slow request at scale) while `me` loads rather than after it: the diagram
  // below uses this very query (same input), so it starts with the data or with the request in flight.
  trpc.network.topology.useQuery(topologyInput(topologyScope), TOPOLOGY_QUERY_OPTIONS);
  // Load the layout engine while the graph is fetched; a failure shows when the layout runs.
  useEffect(() => {
    loadElk().catch(() => undefined);
  }, []);
  if (me.isPending) {
    return (
      <div className="h-[calc(100vh-15rem)] min-h-[28rem] overflow-hidden rounded-lg border border-border">
        <TopologySkeleton />
      </div>
    );
  }
  // Without `me` the layout is simply not remembered across users.
  const userId = me.data?.user.id ?? "anonymous";
  const memoryScope = scope === "all" ? `all:${projectId || "*"}` : (me.data?.project?.id ?? "none");
  const memoryKey = layoutMemoryKey(userId, memoryScope);
  const toolbarExtra =
    scope === "all" ? <ProjectFilter value={projectId} onChange={setProjectId} /> : <CreateLinks />;
  return (
    <ReactFlowProvider key={memoryKey}>
      <ScopedTopology
        scope={scope}
        topologyScope={topologyScope}
        memoryKey={memoryKey}
        toolbarExtra={toolbarExtra}
      />
    </ReactFlowProvider>
  );
}
