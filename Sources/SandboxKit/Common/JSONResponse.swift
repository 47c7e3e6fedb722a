public import HTTPSupport
public import JSONSupport

extension HTTPResponse {
    /// A JSON response with `Content-Type: application/json; charset=utf-8`.
    public static func json(_ status: Int, _ body: JSONValue, headers extra: HTTPHeaders = [:]) -> HTTPResponse {
        var headers = extra
        headers["Content-Type"] = "application/json; charset=utf-8"
        return HTTPResponse(status: status, headers: headers, body: JSONSerializer.data(body))
    }

    /// A response without a body (204, or a bare 404 as Severa sends).
    public static func empty(_ status: Int) -> HTTPResponse {
        HTTPResponse(status: status)
    }
}
