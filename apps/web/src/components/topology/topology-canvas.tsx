"use client";

import "@xyflow/react/dist/style.css";
import "./topology.css";
import {
  Background,
  ConnectionMode,
  Controls,
  type EdgeChange,
  MiniMap,
  type NodeChange,
  type OnConnectEnd,
  ReactFlow,
  type ReactFlowProps,
} from "@xyflow/react";
import { useTranslations } from "next-intl";
import { useCallback, useMemo, useRef, useState } from "react";
import { ARROW_DIRECTIONS, nearestInDirection } from "@/lib/topology/navigate";
import type { TopologyFlowEdge, TopologyFlowNode } from "@/lib/topology/to-flow";
import type { Point } from "@/lib/topology/types";
import { NODE_TYPES } from "./topology-nodes";

export interface CanvasProps {
  nodes: TopologyFlowNode[];
  edges: TopologyFlowEdge[];
  /** Node centres, for arrow-key moves between nodes. */
  centres: ReadonlyMap<string, Point>;
  onMove: (id: string, position: Point, done: boolean) => void;
  onSelectNode: (id: string | null) => void;
  onSelectEdge: (id: string | null) => void;
  onOpenNode: (id: string) => void;
  onOpenEdge: (id: string) => void;
  onDeleteEdge: (id: string) => void;
  onConnect: (from: string, to: string) => void;
  onFocusNode: (id: string) => void;
}

/** The node under the pointer where a connection drag ended (dropping on a node's body, not only its handle). */
function nodeIdAt(event: MouseEvent | TouchEvent): string | null {
  const point = "changedTouches" in event ? event.changedTouches[0] : event;
  if (!point) return null;
  const element = document.elementFromPoint(point.clientX, point.clientY);
  return element?.closest<HTMLElement>(".react-flow__node")?.dataset.id ?? null;
}

/** A large cloud opens at a legible zoom on its middle rather than as a speck; the minimap shows the rest. */
const FIT_VIEW = { minZoom: 0.15, maxZoom: 1 };

const MINIMAP_CLASS = (node: TopologyFlowNode) =>
  node.type === "collapsed" ? "topology-mini-collapsed" : `topology-mini-${node.data.node.tone}`;

/**
 * The React Flow canvas. Everything it draws comes in as props (built by
 * `toFlowNodes`, which keeps unchanged node objects), and it only renders
 * what is in view, so panning and zooming stay smooth with hundreds of
 * nodes. Keyboard: Tab reaches nodes and edges, arrows move between nodes
 * (or move a selected node), Enter opens the detail panel, Delete removes
 * a selected edge (after confirmation).
 */
export function TopologyCanvas(props: CanvasProps) {
  const propsRef = useRef(props);
  propsRef.current = props;
  const t = useTranslations("topology.canvas");
  // React Flow's own controls and keyboard help, in the reader's language.
  const ariaLabelConfig = useMemo<ReactFlowProps["ariaLabelConfig"]>(
    () => ({
      "node.a11yDescription.default": t("nodeHelp"),
      "node.a11yDescription.keyboardDisabled": t("nodeHelpKeyboardDisabled"),
      "node.a11yDescription.ariaLiveMessage": ({ direction, x, y }) => t("nodeMoved", { direction, x, y }),
      "edge.a11yDescription.default": t("edgeHelp"),
      "controls.ariaLabel": t("controls"),
      "controls.zoomIn.ariaLabel": t("zoomIn"),
      "controls.zoomOut.ariaLabel": t("zoomOut"),
      "controls.fitView.ariaLabel": t("fitView"),
      "controls.interactive.ariaLabel": t("interactive"),
      "minimap.ariaLabel": t("overviewMap"),
      "handle.ariaLabel": t("handle"),
    }),
    [t],
  );

  const onNodesChange = useCallback((changes: NodeChange<TopologyFlowNode>[]) => {
    for (const change of changes) {
      if (change.type === "position" && change.position) {
        propsRef.current.onMove(change.id, change.position, change.dragging !== true);
      } else if (change.type === "select") {
        if (change.selected) propsRef.current.onSelectNode(change.id);
      }
    }
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<TopologyFlowEdge>[]) => {
    for (const change of changes) {
      if (change.type === "select" && change.selected) propsRef.current.onSelectEdge(change.id);
    }
  }, []);

  const onConnectEnd: OnConnectEnd = useCallback((event, state) => {
    const from = state.fromNode?.id;
    const to = state.toNode?.id ?? nodeIdAt(event);
    if (from && to && from !== to) propsRef.current.onConnect(from, to);
  }, []);

  const onKeyDown = useCallback((event: React.KeyboardEvent<HTMLDivElement>) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const nodeElement = target.closest<HTMLElement>(".react-flow__node");
    const edgeElement = target.closest<SVGGElement>(".react-flow__edge");
    const p = propsRef.current;
    if (event.key === "Enter" && nodeElement?.dataset.id) {
      event.preventDefault();
      p.onOpenNode(nodeElement.dataset.id);
    } else if (event.key === "Enter" && edgeElement?.dataset.id) {
      event.preventDefault();
      p.onOpenEdge(edgeElement.dataset.id);
    } else if ((event.key === "Delete" || event.key === "Backspace") && edgeElement?.dataset.id) {
      event.preventDefault();
      p.onDeleteEdge(edgeElement.dataset.id);
    } else if (nodeElement?.dataset.id && !nodeElement.classList.contains("selected")) {
      // A selected node moves with the arrows (React Flow); otherwise they move the focus.
      const direction = ARROW_DIRECTIONS[event.key];
      const next = direction ? nearestInDirection(p.centres, nodeElement.dataset.id, direction) : null;
      if (next) {
        event.preventDefault();
        p.onFocusNode(next);
      }
    }
  }, []);

  // Stable handlers: the canvas re-renders on every drag frame, and new functions would update React Flow's store each time.
  const handlers = useMemo(
    () => ({
      onNodeClick: (_: unknown, node: TopologyFlowNode) => propsRef.current.onOpenNode(node.id),
      onEdgeClick: (_: unknown, edge: TopologyFlowEdge) => propsRef.current.onOpenEdge(edge.id),
      onPaneClick: () => {
        propsRef.current.onSelectNode(null);
        propsRef.current.onSelectEdge(null);
      },
    }),
    [],
  );
  const defaultEdgeOptions = useMemo(() => ({ type: "default" as const }), []);
  // Set once React Flow has fitted its first viewport on the laid-out nodes: the diagram is on screen
  // and takes input. The benchmark (bench/topology-ui.mjs) and e2e specs wait for it.
  const [ready, setReady] = useState(false);
  const onInit = useCallback(() => setReady(true), []);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: keyboard handling for the focusable nodes and edges inside
    <div
      className="h-full w-full"
      onKeyDown={onKeyDown}
      data-topology-ready={ready ? "true" : undefined}
      data-topology-nodes={props.nodes.length}
    >
      <ReactFlow<TopologyFlowNode, TopologyFlowEdge>
        className="topology-flow"
        nodes={props.nodes}
        edges={props.edges}
        nodeTypes={NODE_TYPES}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeClick={handlers.onNodeClick}
        onEdgeClick={handlers.onEdgeClick}
        onPaneClick={handlers.onPaneClick}
        onConnectEnd={onConnectEnd}
        onInit={onInit}
        connectionMode={ConnectionMode.Loose}
        deleteKeyCode={null}
        onlyRenderVisibleElements
        fitView
        fitViewOptions={FIT_VIEW}
        minZoom={0.05}
        maxZoom={2}
        aria-label={t("label")}
        ariaLabelConfig={ariaLabelConfig}
      >
        <Background gap={24} />
        <Controls showInteractive={false} />
        <MiniMap<TopologyFlowNode>
          pannable
          zoomable
          nodeClassName={MINIMAP_CLASS}
          ariaLabel={t("overviewMap")}
        />
      </ReactFlow>
    </div>
  );
}
