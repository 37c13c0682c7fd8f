/// Renders a scene: in process (`GraphvizRenderer`) or in a worker process
/// (`GraphvizWorkerRenderer`).
public protocol SceneRenderer: AnyObject {
    /// The scene laid out with its engine and rendered as `format`.
    func render(_ scene: RenderScene, format: RenderFormat) throws -> [UInt8]
}
