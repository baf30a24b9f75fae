console.log('chorus');
