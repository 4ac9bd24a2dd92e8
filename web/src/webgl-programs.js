// The WebGL programs of the graph view: sigma's own shapes and shaders, drawn without instancing.
//
// sigma 3 draws every node and edge as one instance of a small constant mesh (drawArraysInstanced).
// SwiftShader, the CPU renderer Chromium uses where there is no GPU (headless, VMs, blocklisted
// drivers), runs each instance as a separate draw: about 25 µs apiece, so 5,000 nodes (drawn twice,
// once more for picking) took 250 ms a frame before any edge was drawn. `lean` turns such a
// program into a plain drawArrays one by copying the per-item values into every vertex, next to that
// vertex's constant values; the shaders are unchanged, since a shader cannot tell the two apart.
// The price is vertex buffers 4 to 8 times larger (about 2 MB for 8,000 edges).
//
// Each program also draws its items a second time, in id colours, into sigma's picking texture, which
// is what hover and click read. While the camera moves nothing is hovered or clicked, so `lean`
// programs skip that pass then: sigma draws a full frame, picking included, once the camera stops.
import { createEdgeCompoundProgram, EdgeArrowHeadProgram, EdgeClampedProgram, EdgeRectangleProgram, getAttributesItemsCount, NodeCircleProgram } from "sigma/rendering";
import { NodeSquareProgram } from "@sigma/node-square";
import { createNodeBorderProgram } from "@sigma/node-border";

/** Whether sigma's camera is moving (sigma's own test, the one that hides edges and labels on move). */
export function cameraMoving(sigma) {
  const mouse = sigma.getMouseCaptor();
  return sigma.getCamera().isAnimated() || mouse.isMoving || mouse.draggedEvents > 0 || Boolean(mouse.currentWheelDirection);
}

/** A subclass of the sigma program class `Base` that draws without instancing, and without picking while the camera moves. */
export function lean(Base) {
  return class extends Base {
    // Called by sigma's Program constructor, before any field of this class could be set.
    getDefinition() {
      const def = super.getDefinition();
      if (!("CONSTANT_ATTRIBUTES" in def)) return def;
      const { CONSTANT_ATTRIBUTES: constants, CONSTANT_DATA: rows, ...rest } = def;
      this.itemValues = getAttributesItemsCount(def.ATTRIBUTES);
      this.vertexConstants = rows;
      this.itemScratch = new Float32Array(this.itemValues);
      return { ...rest, ATTRIBUTES: [...def.ATTRIBUTES, ...constants] };
    }

    processVisibleItem(index, startIndex, ...data) {
      if (!this.vertexConstants) return super.processVisibleItem(index, startIndex, ...data);
      // The base class writes one item's values at `startIndex` of `this.array`: let it write them
      // into a scratch array, then repeat them in each vertex, followed by the vertex's constants.
      const array = this.array;
      const item = this.itemScratch;
      this.array = item;
      try {
        super.processVisibleItem(index, 0, ...data);
      } finally {
        this.array = array;
      }
      let i = startIndex;
      for (const constants of this.vertexConstants) {
        array.set(item, i);
        i += item.length;
        for (const value of constants) array[i++] = value;
      }
    }

    render(params) {
      const pick = this.pickProgram;
      if (!pick || !cameraMoving(this.renderer)) return super.render(params);
      this.pickProgram = null;
      try {
        return super.render(params);
      } finally {
        this.pickProgram = pick;
      }
    }
  };
}

export const NodeCircle = lean(NodeCircleProgram);
export const NodeSquare = lean(NodeSquareProgram);

/** A ring: a border in the node's colour around a disc of `fill` (the background). */
export function nodeRing(fill) {
  return lean(
    createNodeBorderProgram({
      borders: [
        { size: { value: 0.35 }, color: { attribute: "color" } },
        { size: { fill: true }, color: { value: fill } },
      ],
    }),
  );
}

export const EdgeLine = lean(EdgeRectangleProgram);
export const EdgeArrow = createEdgeCompoundProgram([lean(EdgeClampedProgram), lean(EdgeArrowHeadProgram)]);
