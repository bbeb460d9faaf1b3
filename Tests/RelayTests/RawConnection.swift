import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to the relay for faults curl will not commit: a body sent a byte at a time, a connection
/// reset (RST) in the middle of a body.
final class RawConnection {
    private let socketFD: Int32

    init(port: Int) throws {
        socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(socketFD)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    /// Sends `data`; false when the peer has closed the connection.
    @discardableResult
    func send(_ data: Data) -> Bool {
        data.withUnsafeBytes { buffer in
            Glibc.send(socketFD, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL)) == buffer.count
        }
    }

    /// Reads what the peer sends until it closes or `timeout` seconds pass.
    func readAll(timeout: Double) -> Data {
        var timeval = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(socketFD, SOL_SOCKET, SO_RCVTIMEO, &timeval, socklen_t(MemoryLayout<timeval>.size))
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = recv(socketFD, &buffer, buffer.count, 0)
            guard count > 0 else { return received }
            received.append(contentsOf: buffer[0..<count])
        }
    }

    /// Closes with RST instead of FIN (SO_LINGER 0): the peer sees "connection reset".
    func reset() {
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(socketFD, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        close(socketFD)
    }

    func closeNormally() { close(socketFD) }

    /// The request head for a POST of `length` bytes.
    static func head(path: String, length: Int, headers: [String: String]) -> Data {
        var text = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(length)\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        return Data((text + "\r\n").utf8)
    }
}
