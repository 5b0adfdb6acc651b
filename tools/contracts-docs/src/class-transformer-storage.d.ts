// class-transformer keeps the metadata of `@Type`/`@Exclude`/`@Expose` in a singleton it does not export from
// its entry point; class-validator-jsonschema needs it to follow `@ValidateNested() @Type(() => Child)`.
declare module 'class-transformer/cjs/storage' {
  export const defaultMetadataStorage: import('class-transformer/types/MetadataStorage').MetadataStorage;
}
