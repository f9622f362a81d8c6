/** Testing a login against the registry (`verify`, the editor's Test Login). */
export { verifyRegistries, verifyOne, endpointOf, registryCAs, VerifyOptions, VerifyResult, VerifyStatus } from './verify';
export { credentialsFor, registriesOf, registryKeysAt, registryName } from './credentials';
export { isLoopback, proxyFor } from './transport';
export { parseChallenges } from './challenge';
