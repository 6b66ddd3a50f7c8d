import Foundation

/// File system failures as the end of a sentence for the operator ("the disk is full (no space
/// left on the device)"), never an NSError dump.
public enum SystemErrorText {
    /// What `code` (an `errno` value) means, in words.
    public static func cause(errno code: Int32) -> String {
        switch code {
        case ENOSPC: return "the disk is full (no space left on the device)"
        case EDQUOT: return "the disk quota is used up"
        case EACCES, EPERM: return "permission denied"
        case EROFS: return "the file system is read-only"
        case ENOTDIR: return "a part of the path is a file, not a directory"
        case EISDIR: return "it is a directory"
        case EEXIST: return "a file is in the way"
        case ENOENT: return "no such file or directory"
        case ENAMETOOLONG: return "the name is too long"
        case EIO: return "an input/output error (the disk may be failing)"
        default:
            let text = String(cString: strerror(code))
            return text.prefix(1).lowercased() + text.dropFirst()
        }
    }

    /// What went wrong in a Foundation file error: its POSIX cause when it carries one, else its
    /// own description.
    public static func cause(of error: any Error) -> String {
        if let code = posixCode(of: error) { return cause(errno: code) }
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain { return nsError.localizedDescription }
        return String(describing: error)
    }

    /// The `errno` behind a Foundation error, when there is one.
    public static func posixCode(of error: any Error) -> Int32? {
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return Int32(nsError.code) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(underlying.code)
        }
        guard nsError.domain == NSCocoaErrorDomain else { return nil }
        switch CocoaError.Code(rawValue: nsError.code) {
        case .fileWriteOutOfSpace: return ENOSPC
        case .fileWriteNoPermission, .fileReadNoPermission: return EACCES
        case .fileWriteVolumeReadOnly: return EROFS
        case .fileWriteFileExists: return EEXIST
        case .fileNoSuchFile, .fileReadNoSuchFile: return ENOENT
        default: return nil
        }
    }
}
