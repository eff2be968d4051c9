import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Vapor

public enum ServerPlaceholder {}
